"""The user's API tokens page (a site page, behind the session login): make one, see it once,
revoke one."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from api.models import ApiToken
from api.services import issue_token, revoke_token


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Naam",
        max_length=100,
        help_text="Waarvoor de token dient, bijvoorbeeld 'Financieel systeem'.",
    )


def token_list(request):
    form = TokenForm(request.POST or None)
    key = None
    if request.method == "POST" and form.is_valid():
        token, key = issue_token(request.user, form.cleaned_data["name"])
        form = TokenForm()
    tokens = ApiToken.objects.filter(user=request.user)
    return render(
        request,
        "api/token_list.html",
        {"form": form, "tokens": tokens, "new_key": key},
        status=200,
    )


@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)  # another's token: 404
    revoke_token(token)
    messages.success(request, f"De token {token} is ingetrokken; hij werkt niet meer.")
    return redirect("api_tokens")
