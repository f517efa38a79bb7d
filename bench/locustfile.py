"""The simulated users of `make loadtest` (bench/loadtest.py): one class per role, each signed in
with the session bench.loadtest made for its role, opening its home page and the pages of its role
in turn, one page at a time, with a pause of one to three seconds between pages as a person
clicking through would make (reading a page takes longer; a shorter pause is the harder test)."""

import json
import os

from locust import HttpUser, between, task

TARGETS = json.loads(open(os.environ["LOADTEST_TARGETS"]).read())  # noqa: SIM115 (read once)


def role_user(role: str) -> type[HttpUser]:
    pages = list(TARGETS["pages"][role].items())

    class RoleUser(HttpUser):
        wait_time = between(1, 3)  # after each page

        def on_start(self):
            self.client.cookies.set("sessionid", TARGETS["sessions"][role])
            self.next_page = 0

        @task
        def open_next_page(self):
            name, path = pages[self.next_page % len(pages)]
            self.next_page += 1
            with self.client.get(path, name=name, catch_response=True) as response:
                if response.status_code != 200:
                    response.failure(f"{role}: {response.status_code}")
                elif b"/accounts/login/" in response.url.encode():
                    response.failure(f"{role}: sent to the login page")

    RoleUser.__name__ = f"{role}_user"
    return RoleUser


two_user = role_user("two")
portfolio_holder_user = role_user("portfolio_holder")
provider_user = role_user("provider")
coordinator_user = role_user("coordinator")
region_user = role_user("region")
