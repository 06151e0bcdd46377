# Topic: signal handlers -- a timer signal interrupts a blocking call through an exception
import signal
import time


class TookTooLong(Exception):
    pass


def on_timer(signum, frame):
    raise TookTooLong(signal.Signals(signum).name)


signal.signal(signal.SIGALRM, on_timer)
signal.setitimer(signal.ITIMER_REAL, 0.1)
try:
    time.sleep(10)
    print("slept")
except TookTooLong as stopped:
    print("interrupted by", stopped)
finally:
    signal.setitimer(signal.ITIMER_REAL, 0)
