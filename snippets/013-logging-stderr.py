# Topic: logging goes to stderr by default; only the print() lines appear on stdout
import logging

logging.basicConfig(level=logging.INFO, format="%(levelname)s:%(name)s:%(message)s")
log = logging.getLogger("orders")


def process(order_id, qty):
    log.info("processing order %s", order_id)
    if qty <= 0:
        log.warning("order %s has bad quantity %d", order_id, qty)
        return None
    log.debug("not shown: level is INFO")
    return qty * 10


for order_id, qty in [(1, 2), (2, 0), (3, 5)]:
    print(f"order {order_id} -> {process(order_id, qty)}")
log.error("finished with one warning")
print("done")
