# Topic 35: logging instead of print -- levels to filter by importance, loggers named after
# modules, handlers that send records anywhere (stderr, files, services), formats with
# context, and tracebacks with logger.exception. By default log records go to stderr, so
# only the print() lines below are this program's stdout.
import io
import logging

logging.basicConfig(level=logging.INFO, format="%(levelname)s:%(name)s:%(message)s")
log = logging.getLogger("shop.orders")


def process(order_id, qty):
    log.info("processing order %s", order_id)  # arguments formatted only if the record is kept
    if qty <= 0:
        log.warning("order %s has bad quantity %d", order_id, qty)
        return None
    log.debug("not shown: the level is INFO")
    return qty * 10


for order_id, qty in [(1, 2), (2, 0), (3, 5)]:
    print(f"order {order_id} -> {process(order_id, qty)}")

# A second handler on the parent logger, with its own level and format, captured in memory.
buffer = io.StringIO()
handler = logging.StreamHandler(buffer)
handler.setLevel(logging.WARNING)
handler.setFormatter(logging.Formatter("[%(levelname)-7s] %(name)s line %(lineno)d: %(message)s"))
logging.getLogger("shop").addHandler(handler)

log.info("goes to stderr only")
log.warning("low stock for %s", "pens")
try:
    1 / 0
except ZeroDivisionError:
    log.exception("could not compute the price")  # ERROR level, with the traceback
logging.getLogger("shop.payments").error("card declined")

lines = buffer.getvalue().splitlines()
print("\n".join(line for line in lines if line.startswith("[")))
print("traceback recorded:", any("ZeroDivisionError" in line for line in lines))
print("effective levels:", logging.getLevelName(log.getEffectiveLevel()),
      logging.getLevelName(handler.level))
print("propagates to the root handler too:", log.propagate, len(logging.getLogger().handlers))
