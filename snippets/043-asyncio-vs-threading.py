# Topic 43: asyncio vs threading -- threads are scheduled preemptively by the OS (a switch can
# happen between any two bytecodes, so shared state needs locks); asyncio tasks share one
# thread and switch only at await (cooperative), which is cheap enough for thousands of tasks.
# Blocking calls stall the event loop, so they go to a thread (asyncio.to_thread).
import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor


def blocking_io(name):
    time.sleep(0.02)  # a blocking call: sleeps this thread only
    return f"{name} by {'worker' if threading.current_thread() is not threading.main_thread() else 'main'}"


with ThreadPoolExecutor(max_workers=3) as pool:
    print("threads:", list(pool.map(blocking_io, ["a", "b", "c"])))


async def async_io(name):
    await asyncio.sleep(0.02)  # gives the loop to the other tasks
    return f"{name} in {threading.current_thread().name}"


async def main():
    print("asyncio:", await asyncio.gather(*(async_io(n) for n in "abc")))

    order = []

    async def step(name):
        for i in range(2):
            order.append(f"{name}{i}")
            await asyncio.sleep(0)  # the only places where another task may run
    await asyncio.gather(step("x"), step("y"))
    print("switches only at await:", order)

    # A blocking call inside a coroutine would freeze every task; hand it to a thread.
    result = await asyncio.to_thread(blocking_io, "to_thread")
    print(result)

    count = 0

    async def increment():
        nonlocal count
        for _ in range(1000):
            count += 1  # no await inside: no other task can interleave here
    await asyncio.gather(*(increment() for _ in range(10)))
    print("no lock needed between awaits:", count)

    tasks = [asyncio.create_task(asyncio.sleep(0.01)) for _ in range(2000)]
    await asyncio.gather(*tasks)
    print("2000 concurrent tasks, one thread:", threading.active_count() <= 2)


asyncio.run(main())
