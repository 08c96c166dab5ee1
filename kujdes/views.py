from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kujdes.territory.selectors import municipalities_public


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {"municipalities": municipalities_public()})
