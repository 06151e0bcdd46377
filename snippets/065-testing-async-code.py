# Topic: testing asynchronous code: an IsolatedAsyncioTestCase runs each async test in its own
# event loop (what pytest-asyncio does for pytest), with AsyncMock for awaited dependencies and
# a timeout to catch coroutines that never finish.
import asyncio
import unittest
from unittest.mock import AsyncMock


async def fetch_all(client, ids):
    return await asyncio.gather(*(client.get(i) for i in ids))


async def slow():
    await asyncio.sleep(10)


class FetchTest(unittest.IsolatedAsyncioTestCase):
    async def asyncSetUp(self):
        self.client = AsyncMock()
        self.client.get.side_effect = lambda i: {"id": i}

    async def test_gathers_in_order(self):
        self.assertEqual(await fetch_all(self.client, [3, 1, 2]), [{"id": 3}, {"id": 1}, {"id": 2}])
        self.assertEqual(self.client.get.await_count, 3)

    async def test_error_propagates(self):
        self.client.get.side_effect = ConnectionError("down")
        with self.assertRaises(ConnectionError):
            await fetch_all(self.client, [1])

    async def test_timeout(self):
        with self.assertRaises(asyncio.TimeoutError):
            await asyncio.wait_for(slow(), timeout=0.01)

    async def test_forgot_await(self):
        result = fetch_all(self.client, [1])      # a coroutine object, not a list
        self.assertTrue(asyncio.iscoroutine(result))
        self.assertEqual(await result, [{"id": 1}])


result = unittest.TestResult()
unittest.defaultTestLoader.loadTestsFromTestCase(FetchTest).run(result)
print("ran", result.testsRun, "async tests;", "all passed" if result.wasSuccessful() else result.failures)
