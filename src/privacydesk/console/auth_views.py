"""Sign-in: password (locked out by django-axes after repeated failures), then a TOTP code.

A new account enrols an authenticator app at its first sign-in; no console page opens until the
session has passed the second factor.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import auth
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views import View
from django_otp import login as otp_login

from privacydesk.accounts import twofactor
from privacydesk.audit import chain
from privacydesk.audit.context import actor_for_user


class SignInView(LoginView):
    template_name = "console/login.html"
    redirect_authenticated_user = False

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = self.request.user
        chain.append("sign_in", "auth.user", user.pk, data={"step": "password"}, actor=actor_for_user(user))
        return response

    def get_success_url(self) -> str:
        # Always through the second factor, which returns to the (checked) ?next= afterwards.
        target = self.get_redirect_url()
        url = reverse("console:verify")
        return f"{url}?{urlencode({'next': target})}" if target else url


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _after_sign_in(request: HttpRequest) -> HttpResponse:
    target = request.GET.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect("console:dashboard")


class VerifyView(View):
    template_name = "console/verify.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect("console:login")
        if twofactor.is_verified(request.user):
            return _after_sign_in(request)
        self.device = twofactor.confirmed_device(request.user)
        if self.device is None:
            return redirect("console:enrol")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": CodeForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CodeForm(request.POST)
        if form.is_valid():
            ok, message = twofactor.check(self.device, form.cleaned_data["code"])
            if ok:
                otp_login(request, self.device)
                chain.append("sign_in", "auth.user", request.user.pk, data={"step": "totp"})
                return _after_sign_in(request)
            form.add_error("code", message)
            chain.append("sign_in_failed", "auth.user", request.user.pk, data={"step": "totp"})
        return render(request, self.template_name, {"form": form}, status=400)


class EnrolView(View):
    template_name = "console/enrol.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect("console:login")
        if twofactor.confirmed_device(request.user) is not None:
            return redirect("console:verify")
        self.device = twofactor.pending_device(request.user)
        return super().dispatch(request, *args, **kwargs)

    def _render(self, request: HttpRequest, form: CodeForm, status: int = 200) -> HttpResponse:
        context = {
            "form": form,
            "qr_svg": twofactor.qr_svg(self.device),
            "secret": twofactor.secret_base32(self.device),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, CodeForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CodeForm(request.POST)
        if form.is_valid():
            ok, message = twofactor.check(self.device, form.cleaned_data["code"])
            if ok:
                self.device.confirmed = True
                self.device.save()
                otp_login(request, self.device)
                chain.append("enrol_totp", "auth.user", request.user.pk)
                return _after_sign_in(request)
            form.add_error("code", message)
        return self._render(request, form, status=400)


class SignOutView(View):
    def post(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            chain.append("sign_out", "auth.user", request.user.pk)
        auth.logout(request)
        return redirect("console:login")
