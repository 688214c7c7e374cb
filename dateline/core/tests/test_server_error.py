"""A database that cannot be reached is a 503 the proxy and the reader can wait out."""

from django.db import IntegrityError, OperationalError
from django.test import RequestFactory
from django.utils import translation

from dateline.core.views import server_error


def _answer(error: Exception):
    with translation.override("ru"):
        try:
            raise error
        except type(error):
            return server_error(RequestFactory().get("/ru/"))


def test_an_unreachable_database_is_a_503_with_retry_after_in_the_editions_language():
    response = _answer(OperationalError("connection refused"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Временно недоступно" in response.content.decode()


def test_our_own_database_faults_stay_500():
    response = _answer(IntegrityError("duplicate key"))
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Ошибка сервера" in response.content.decode()
