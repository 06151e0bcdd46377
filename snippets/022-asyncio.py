# Topic 22: asyncio -- one thread runs an event loop; coroutines give up control at each
# await, so many waits (network, timers) overlap without threads.
import asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)  # while this one waits, the loop runs the others
    return f"{name} ({delay} s)"


async def producer(queue):
    for item in range(3):
        await queue.put(item)
    await queue.put(None)


async def consumer(queue, seen):
    while (item := await queue.get()) is not None:
        seen.append(item * 10)


async def main():
    results = await asyncio.gather(fetch("slow", 0.06), fetch("fast", 0.0), fetch("medium", 0.03))
    print("gather keeps argument order:", results)

    tasks = [asyncio.create_task(fetch(n, d)) for n, d in [("c", 0.06), ("a", 0.0), ("b", 0.03)]]
    print("as_completed, fastest first:", [await t for t in asyncio.as_completed(tasks)])

    try:
        await asyncio.wait_for(fetch("too slow", 5), timeout=0.05)
    except asyncio.TimeoutError:
        print("wait_for gave up on the slow call")

    queue, seen = asyncio.Queue(), []
    await asyncio.gather(producer(queue), consumer(queue, seen))
    print("consumer saw:", seen)

    limit = asyncio.Semaphore(2)
    running, peak = 0, 0

    async def limited(n):
        nonlocal running, peak
        async with limit:
            running += 1
            peak = max(peak, running)
            await asyncio.sleep(0.01)
            running -= 1
            return n * n

    print(await asyncio.gather(*(limited(n) for n in range(6))), "at most", peak, "at once")


asyncio.run(main())
coroutine = fetch("x", 0)  # calling a coroutine function runs nothing yet
print("a coroutine function returns a coroutine object:", type(coroutine).__name__)
coroutine.close()
