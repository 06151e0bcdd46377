# Topic 26: Django -- a "batteries included" web framework: URL routing to views, templates,
# an ORM, forms and an admin. A whole Django app in one file, exercised with its test client
# (settings.configure instead of a project's settings.py).
import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="only-for-this-example",
    ROOT_URLCONF=__name__,
    ALLOWED_HOSTS=["testserver"],
    MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],
)
django.setup()

from django.http import JsonResponse, HttpResponse  # noqa: E402 (needs configured settings)
from django.template import engines  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import path  # noqa: E402

BOOKS = {1: "Two Scoops of Django", 2: "Django for Beginners"}
page = engines["django"].from_string(
    "<ul>{% for id, title in books %}<li>{{ id }}: {{ title|upper }}</li>{% endfor %}</ul>")


def book_list(request):
    return HttpResponse(page.render({"books": sorted(BOOKS.items())}))


def book_detail(request, book_id):
    if book_id not in BOOKS:
        return JsonResponse({"error": "not found"}, status=404)
    return JsonResponse({"id": book_id, "title": BOOKS[book_id]})


urlpatterns = [
    path("books/", book_list),
    path("books/<int:book_id>/", book_detail),
]

client = Client()
response = client.get("/books/")
print(response.status_code, response["Content-Type"], response.content.decode())
response = client.get("/books/2/")
print(response.status_code, response.json())
print(client.get("/books/9/").status_code, client.get("/books/9/").json())
print(client.get("/nowhere/").status_code)
print("Django", django.VERSION[0], "routes:", [str(p.pattern) for p in urlpatterns])
