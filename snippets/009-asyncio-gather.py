# Topic: asyncio.run with asyncio.gather -- results come back in argument order
import asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)
    return f"{name} done"


async def main():
    results = await asyncio.gather(
        fetch("slow", 0.03),
        fetch("fast", 0.0),
        fetch("medium", 0.01),
    )
    for r in results:
        print(r)
    squares = await asyncio.gather(*(square(n) for n in range(5)))
    print(squares)


async def square(n):
    await asyncio.sleep(0)
    return n * n


asyncio.run(main())
print("event loop closed")
