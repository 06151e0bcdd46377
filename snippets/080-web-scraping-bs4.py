# Topic: scraping with requests and BeautifulSoup: fetch a page (served here on loopback),
# respect robots.txt, parse the HTML, and pull out the title, links and a table.
import threading
import urllib.robotparser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urljoin

import requests
from bs4 import BeautifulSoup

PAGES = {
    "/robots.txt": "User-agent: *\nDisallow: /private/\n",
    "/books": """<html><head><title>Bookshop</title></head><body>
      <h1>New books</h1>
      <table id="books"><tr><th>Title</th><th>Price</th></tr>
        <tr><td>Fluent Code</td><td>£39.00</td></tr>
        <tr><td>Data at Scale</td><td>£25.50</td></tr></table>
      <a href="/books?page=2">next</a> <a href="/private/admin">admin</a>
      <a href="https://example.org/about" class="external">about</a></body></html>""",
}


class Site(BaseHTTPRequestHandler):
    def do_GET(self):
        body = PAGES.get(self.path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write((body or "not found").encode())

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{server.server_port}"

robots = urllib.robotparser.RobotFileParser()
robots.parse(requests.get(base + "/robots.txt", timeout=5).text.splitlines())
response = requests.get(base + "/books", headers={"User-Agent": "study-bot/1.0"}, timeout=5)
response.encoding = "utf-8"
soup = BeautifulSoup(response.text, "html.parser")

print("title:", soup.title.string, "| heading:", soup.h1.get_text(strip=True))
rows = soup.select("table#books tr")[1:]
books = [(td[0].text, float(td[1].text.lstrip("£"))) for td in (row.find_all("td") for row in rows)]
print("books:", books)
for link in soup.find_all("a", href=True):
    url = urljoin(base + "/books", link["href"])
    internal = url.startswith(base)
    allowed = robots.can_fetch("study-bot", url) if internal else "external"
    print(f"  {link.text:6} {url.replace(base, '<site>')}  allowed: {allowed}")
server.shutdown()
server.server_close()
