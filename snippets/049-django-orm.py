# Topic 49: Django's ORM -- models are Python classes mapped to tables; querysets build SQL
# lazily (filter, exclude, order_by, annotate) and run it when iterated. An in-memory SQLite
# database; the tables are created from the models directly instead of by migrations, and the
# app ("library") is a module made here instead of a package on disk.
import sys
import types

import django
from django.apps import AppConfig
from django.conf import settings


class LibraryConfig(AppConfig):
    name = "library"
    path = "."  # an app without files: its models are defined below


sys.modules["library"] = types.ModuleType("library")
sys.modules["library"].LibraryConfig = LibraryConfig
settings.configure(
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    INSTALLED_APPS=["library.LibraryConfig"],
    DEFAULT_AUTO_FIELD="django.db.models.AutoField",
)
django.setup()

from django.db import connection, models  # noqa: E402 (needs configured settings)
from django.db.models import Avg, Count, F, Q  # noqa: E402


class Author(models.Model):
    name = models.CharField(max_length=100)

    class Meta:
        app_label = "library"

    def __str__(self):
        return self.name


class Book(models.Model):
    title = models.CharField(max_length=200)
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="books")
    year = models.IntegerField()
    pages = models.IntegerField()

    class Meta:
        app_label = "library"
        ordering = ["year"]


with connection.schema_editor() as editor:
    editor.create_model(Author)
    editor.create_model(Book)

le_guin = Author.objects.create(name="Ursula K. Le Guin")
herbert = Author.objects.create(name="Frank Herbert")
Book.objects.bulk_create([
    Book(title="A Wizard of Earthsea", author=le_guin, year=1968, pages=183),
    Book(title="The Left Hand of Darkness", author=le_guin, year=1969, pages=304),
    Book(title="Dune", author=herbert, year=1965, pages=412),
    Book(title="The Dispossessed", author=le_guin, year=1974, pages=387),
])

queryset = Book.objects.filter(year__lt=1970).exclude(title__startswith="The")
print("lazy until used:", type(queryset).__name__)
print(str(queryset.query).replace('"library_book".', ""))
print([b.title for b in queryset])
print([b.title for b in Book.objects.filter(Q(pages__gt=380) | Q(author__name__icontains="guin"), year__gt=1966)])
print(le_guin.books.count(), [b.title for b in herbert.books.all()])

for author in Author.objects.annotate(n=Count("books"), avg_pages=Avg("books__pages")).order_by("-n"):
    print(f"{author}: {author.n} book(s), {author.avg_pages:.1f} pages on average")

Book.objects.filter(author=herbert).update(pages=F("pages") + 1)
dune = Book.objects.select_related("author").get(title="Dune")
print(dune.title, dune.pages, dune.author.name)
deleted, per_model = le_guin.delete()
print("deleted", deleted, "rows:", per_model, "| left:", Book.objects.count())
try:
    Book.objects.get(title="Missing")
except Book.DoesNotExist as exc:
    print("DoesNotExist:", exc)
