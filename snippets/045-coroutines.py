# Topic 45: coroutines -- functions that can suspend themselves and be resumed later. An
# `async def` function returns a coroutine object; `await` suspends it until the awaited
# thing is ready. Here one is driven by hand with send() to show what an event loop does.
import asyncio
import inspect


class Ready:
    """An awaitable: __await__ yields once to whoever drives the coroutine."""

    def __init__(self, value):
        self.value = value

    def __await__(self):
        reply = yield f"waiting for {self.value}"
        return f"{self.value} ({reply})"


async def brew(drink):
    first = await Ready(drink)
    second = await Ready("milk")
    return [first, second]


coro = brew("tea")
print(type(coro).__name__, inspect.iscoroutine(coro), inspect.getcoroutinestate(coro))
print(coro.send(None))  # runs to the first suspension point
print(inspect.getcoroutinestate(coro))
print(coro.send("resumed once"))
try:
    coro.send("resumed twice")
except StopIteration as stop:
    print("returned:", stop.value)
print(inspect.getcoroutinestate(coro))


# The older, generator-based kind: a generator that receives values through send().
def averager():
    total, count, average = 0, 0, None
    while True:
        value = yield average
        total, count = total + value, count + 1
        average = total / count


avg = averager()
next(avg)  # prime it
print([avg.send(v) for v in (4, 8, 12)])


# With an event loop: coroutines awaiting each other, and tasks that run concurrently.
async def step(name, delay):
    await asyncio.sleep(delay)
    return name


async def pipeline():
    first = await step("sequential", 0)
    tasks = [asyncio.create_task(step(n, d)) for n, d in (("b", 0.02), ("a", 0.01))]
    done = [await t for t in asyncio.as_completed(tasks)]
    return first, done


print(asyncio.run(pipeline()))
print(inspect.iscoroutinefunction(brew), inspect.iscoroutinefunction(averager))
