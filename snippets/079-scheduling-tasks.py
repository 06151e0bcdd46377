# Topic: scheduling tasks: sched for one-off delays, APScheduler's triggers for intervals and
# cron expressions. A fake clock keeps the sched run instant; the triggers compute fire times
# from a fixed start instead of waiting for them.
import datetime
import sched

from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

now = [0.0]
scheduler = sched.scheduler(timefunc=lambda: now[0], delayfunc=lambda s: now.__setitem__(0, now[0] + s))
log = []
scheduler.enter(10, 1, log.append, ("backup at t=10",))
scheduler.enter(5, 1, log.append, ("cleanup at t=5",))
cancelled = scheduler.enter(7, 1, log.append, ("never runs",))
scheduler.cancel(cancelled)
scheduler.run()                          # runs events in time order, "sleeping" in between
print("sched:", log, "clock now", now[0])

utc = datetime.timezone.utc
start = datetime.datetime(2025, 3, 1, 9, 0, tzinfo=utc)


def next_times(trigger, count):
    times, previous = [], None
    for _ in range(count):
        previous = trigger.get_next_fire_time(previous, previous or start)
        times.append(previous.strftime("%a %d %H:%M"))
    return times


print("every 90 minutes:", next_times(IntervalTrigger(minutes=90, start_date=start, timezone=utc), 3))
weekdays = CronTrigger(day_of_week="mon-fri", hour=2, minute=30, timezone=utc)
print("02:30 on weekdays:", next_times(weekdays, 3))
