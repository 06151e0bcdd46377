# Topic 48: form data in Django -- a Form class declares the fields; bound to request.POST
# it validates (is_valid), converts to Python types (cleaned_data) and reports errors per
# field. A view handles GET and POST; Django's test client submits the form.
import django
from django.conf import settings

settings.configure(
    SECRET_KEY="only-for-this-example",
    ROOT_URLCONF=__name__,
    ALLOWED_HOSTS=["testserver"],
    MIDDLEWARE=["django.middleware.csrf.CsrfViewMiddleware"],
)
django.setup()

from django import forms  # noqa: E402 (needs configured settings)
from django.http import HttpResponse, JsonResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import path  # noqa: E402


class SignupForm(forms.Form):
    username = forms.CharField(min_length=3, max_length=20)
    email = forms.EmailField()
    age = forms.IntegerField(min_value=13)
    newsletter = forms.BooleanField(required=False)

    def clean_username(self):
        name = self.cleaned_data["username"]
        if name.lower() == "admin":
            raise forms.ValidationError("this name is reserved")
        return name.lower()


def signup(request):
    if request.method == "POST":
        form = SignupForm(request.POST)
        if form.is_valid():
            return JsonResponse({"created": form.cleaned_data}, status=201)
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    return HttpResponse(SignupForm().as_p().count("<input"))  # how many inputs the empty form has


urlpatterns = [path("signup/", signup)]

client = Client()
print("GET shows a form with", client.get("/signup/").content.decode(), "inputs")
ok = client.post("/signup/", {"username": "Ada", "email": "ada@example.com", "age": "36", "newsletter": "on"})
print(ok.status_code, ok.json())
bad = client.post("/signup/", {"username": "admin", "email": "not-an-email", "age": "9"})
print(bad.status_code)
for field, errors in sorted(bad.json()["errors"].items()):
    print(f"  {field}: {[e['message'] for e in errors]}")

strict = Client(enforce_csrf_checks=True)
print("without a CSRF token:", strict.post("/signup/", {"username": "bob"}).status_code)
