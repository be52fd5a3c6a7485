"""The coordinator's workspace through the real app: people never merged, a dashboard that
pages, searches, filters and sorts, a mentor's page and its actions, cohorts with due dates,
rosters, CSV for records, and certificates that verify."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import uuid
import zipfile

import pypdf
import pypdfium2
import zxingcpp
from fastapi.testclient import TestClient

from mentor_course.store import Store
from tests.attempts import bank, right_answers
from tests.server.conftest import Server, csrf


def form(client: TestClient, **fields: str) -> dict[str, str]:
    return {"csrf": client.get("/api/session").json()["csrf"], **fields}


def rows_of(page: str) -> list[str]:
    """The mentors' names in the dashboard's table, in order."""
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in page else ""
    return re.findall(r'<a href="/coordinator/learners/\d+">([^<]+)</a>', body)


def test_a_second_person_of_the_same_name_is_asked_about_and_kept_apart(server: Server) -> None:
    alex = server.mentor("Alex Rivera", cohort="Spring 2027")
    body = {"attempt_id": str(uuid.uuid4()), "bank_id": "practice", "answers": {}}
    assert alex.post("/api/attempts", json=body, headers=csrf(alex)).status_code == 200
    coordinator = server.coordinator()

    fields = {"name": "alex rivera", "cohort": "Fall 2027", "email": ""}
    asked = coordinator.post("/coordinator/enroll", data=form(coordinator, **fields))
    assert asked.status_code == 409
    assert "Same name, or somebody new?" in asked.text and "Spring 2027" in asked.text
    with Store.open(server.url) as store:
        (first,) = store.learners_named("Alex Rivera")  # nothing changed by asking

    made = coordinator.post("/coordinator/enroll", data=form(coordinator, **fields, person="new"))
    assert made.status_code == 200 and "A new enrollment link for alex rivera" in made.text
    link = re.search(r'value="(http[^"]+/enroll/[^"]+)"', made.text)
    assert link is not None
    with Store.open(server.url) as store:
        kept, new = store.learners_named("Alex Rivera")
        assert kept == first and kept.cohort == "Spring 2027"
        assert new.cohort == "Fall 2027"
        assert len(list(store.attempts(kept.id))) == 1
    # The new link signs in the new person, not Alex.
    newcomer = server.client()
    newcomer.post(link.group(1).split("testserver", 1)[1])
    assert newcomer.get("/api/me/attempts").json() == []

    # "The same person" sends Alex a new link and leaves her where she is.
    again = coordinator.post(
        "/coordinator/enroll", data=form(coordinator, **fields, person=str(first.id))
    )
    assert again.status_code == 200
    with Store.open(server.url) as store:
        assert store.learner(first.id).cohort == "Spring 2027"
        assert store.links_of(first.id)[0].status == "sent"


def test_the_dashboard_pages_searches_filters_and_sorts(server: Server) -> None:
    with Store.open(server.url) as store:
        store.add_cohort("Spring", dt.date(2020, 1, 1))  # long past: not finished is overdue
        for n in range(120):
            store.create_enrollment(
                f"Mentor {n:03d}", email=f"m{n}@example.org", cohort="Spring" if n % 2 else "Fall"
            )
    done = server.mentor("Mentor 007", cohort="Spring")
    for quiz_id in ("practice",):
        quiz = bank(quiz_id)
        attempt_id = str(uuid.uuid4())
        body = {"attempt_id": attempt_id, "bank_id": quiz_id,
                "answers": right_answers(quiz, attempt_id)}  # fmt: skip
        assert done.post("/api/attempts", json=body, headers=csrf(done)).status_code == 200
    coordinator = server.coordinator()

    first = coordinator.get("/coordinator").text
    assert len(rows_of(first)) == 50 and rows_of(first)[0] == "Mentor 000"
    assert "Page 1 of 3" in first and "position: sticky" in first
    # The actions come before the list, not 30,000 pixels below it.
    assert first.index("Enroll a mentor") < first.index("<tbody>")
    assert first.index("Start a live check-in") < first.index("<tbody>")
    last = coordinator.get("/coordinator?page=3").text
    assert rows_of(last)[-1] == "Mentor 119" and len(rows_of(last)) == 20

    assert rows_of(coordinator.get("/coordinator?q=m42@example").text) == ["Mentor 042"]
    assert rows_of(coordinator.get("/coordinator?q=MENTOR 11").text)[:2] == [
        "Mentor 110",
        "Mentor 111",
    ]
    spring = coordinator.get("/coordinator?cohort=spring&sort=name&order=desc").text
    assert rows_of(spring)[0] == "Mentor 119"
    assert "overdue" in spring
    in_progress = coordinator.get("/coordinator?status=in+progress").text
    assert rows_of(in_progress) == ["Mentor 007"]
    assert "Mentor 007" not in rows_of(coordinator.get("/coordinator?status=link+not+opened").text)
    by_progress = coordinator.get("/coordinator?sort=progress&order=desc").text
    assert rows_of(by_progress)[0] == "Mentor 007"
    overdue = coordinator.get("/coordinator?status=overdue").text
    assert "Mentor 001" in rows_of(overdue) and "Mentor 000" not in rows_of(overdue)
    assert coordinator.get("/coordinator?status=nonsense").status_code == 422
    assert coordinator.get("/coordinator?page=0").status_code == 422


def test_a_mentors_page_reissues_withdraws_moves_exports_and_removes(server: Server) -> None:
    enrolled = server.enroll("Dee", cohort="Spring")
    with Store.open(server.url) as store:
        dee = store.learner("Dee").id
        code = store.start_group_session("practice", "Spring")
        store.mark_attendance(code, dee)
    coordinator = server.coordinator()
    page = coordinator.get(f"/coordinator/learners/{dee}").text
    assert "sent" in page and "Send a new link" in page and "Withdraw" in page

    reissued = coordinator.post(f"/coordinator/learners/{dee}/link", data=form(coordinator))
    assert "A new enrollment link for Dee" in reissued.text
    withdrawn = coordinator.post(f"/coordinator/learners/{dee}/revoke", data=form(coordinator))
    assert "Withdrew 2 links" in withdrawn.text
    spent = server.client().get(f"/enroll/{enrolled}")
    assert spent.status_code == 410 and "withdrawn" in spent.text

    moved = coordinator.post(
        f"/coordinator/learners/{dee}/cohort", data=form(coordinator, cohort="FALL")
    )
    assert "Now in FALL" in moved.text
    exported = coordinator.get(f"/coordinator/learners/{dee}/export.json")
    assert exported.headers["content-disposition"].endswith(f'learner-dee-{dee}.json"')
    data = exported.json()
    assert data["learner"]["cohort"] == "FALL" and data["attendance"][0]["live_check_in"] == code
    assert [link["revoked_at"] is not None for link in data["enrollment_links"]] == [True, True]

    confirm = coordinator.get(f"/coordinator/learners/{dee}/remove").text
    assert "cannot be undone" in confirm
    assert coordinator.get(f"/coordinator/learners/{dee}").status_code == 200  # not yet
    removed = coordinator.post(f"/coordinator/learners/{dee}/remove", data=form(coordinator))
    assert "Removed Dee" in removed.text
    assert coordinator.get(f"/coordinator/learners/{dee}").status_code == 404


def test_cohorts_are_added_renamed_and_dated_in_the_page(server: Server) -> None:
    coordinator = server.coordinator()
    added = coordinator.post(
        "/coordinator/cohorts", data=form(coordinator, name="Spring 2027", due_on="2027-03-01")
    )
    assert "Cohort Spring 2027 is ready" in added.text
    # The same cohort in other letters is the same cohort.
    server.enroll("Eve", cohort="spring 2027")
    renamed = coordinator.post(
        "/coordinator/cohorts/rename",
        data=form(coordinator, name="SPRING 2027", new_name="Spring 2027 evenings"),
    )
    assert "Renamed" in renamed.text
    with Store.open(server.url) as store:
        assert [(c.name, c.learners, c.due_on) for c in store.cohorts()] == [
            ("Spring 2027 evenings", 1, dt.date(2027, 3, 1))
        ]
    bad = coordinator.post(
        "/coordinator/cohorts/due",
        data=form(coordinator, name="Spring 2027 evenings", due_on="soon"),
    )
    assert bad.status_code == 422 and "is not a date" in bad.text


def test_the_completion_csv_is_for_records(server: Server) -> None:
    mentor = server.mentor("=HYPERLINK(1)", cohort="Spring 2027")
    quiz = bank("practice")
    attempt_id = str(uuid.uuid4())
    body = {"attempt_id": attempt_id, "bank_id": "practice",
            "answers": right_answers(quiz, attempt_id)}  # fmt: skip
    assert mentor.post("/api/attempts", json=body, headers=csrf(mentor)).status_code == 200
    response = server.coordinator().get("/coordinator/report.csv?cohort=spring 2027")
    today = dt.datetime.now(dt.UTC).date()
    assert response.headers["content-disposition"] == (
        f'attachment; filename="completion-spring-2027-{today}.csv"'
    )
    header, row = list(csv.reader(io.StringIO(response.text)))
    assert f"{quiz.title}: best score" in header and f"{quiz.title}: passed on" in header
    assert row[header.index(f"{quiz.title}: best score")] == "100%"
    assert row[header.index(f"{quiz.title}: passed on")] == str(today)
    assert row[1] == "'=HYPERLINK(1)"


def test_a_roster_is_previewed_then_enrolled_once(server: Server) -> None:
    coordinator = server.coordinator()
    roster = b"Name,Email,Cohort\nFay,fay@example.org,Spring\nGus,not-an-email,Spring\n"
    upload = {"roster": ("spring.csv", roster, "text/csv")}
    preview = coordinator.post("/coordinator/roster", data=form(coordinator), files=upload)
    assert preview.status_code == 200
    assert "1 to enroll" in preview.text and "not an email address" in preview.text
    with Store.open(server.url) as store:
        assert store.learners_named("Fay") == []  # a preview changes nothing

    text = re.search(r"<textarea[^>]*>(.*?)</textarea>", preview.text, re.S)
    assert text is not None
    fields = form(coordinator, roster=roster.decode(), file_name="spring.csv", deliver="csv")
    links = coordinator.post("/coordinator/roster/enroll", data=fields)
    assert links.headers["content-disposition"] == 'attachment; filename="links-spring.csv"'
    (fay,) = list(csv.DictReader(io.StringIO(links.text)))
    assert fay["name"] == "Fay" and "/enroll/" in fay["link"]

    again = coordinator.post("/coordinator/roster", data=form(coordinator), files=upload)
    assert "0 to enroll, 1 already enrolled" in again.text
    with Store.open(server.url) as store:
        assert len(store.learners_named("Fay")) == 1


def test_a_mentor_who_passed_everything_gets_a_certificate_that_verifies(
    server: Server,
) -> None:
    mentor = server.mentor("Zoë Ngũgĩ", cohort="Spring")
    assert "Pass every knowledge check" in mentor.get("/me").text
    assert mentor.get("/me/certificate.pdf").status_code == 404
    with Store.open(server.url) as store:
        zoe = store.learner("Zoë Ngũgĩ").id
    for quiz_id in sorted(p.stem for p in (server.settings.course.quizzes).glob("*.yml")):
        quiz = bank(quiz_id)
        attempt_id = str(uuid.uuid4())
        body = {"attempt_id": attempt_id, "bank_id": quiz_id,
                "answers": right_answers(quiz, attempt_id)}  # fmt: skip
        assert mentor.post("/api/attempts", json=body, headers=csrf(mentor)).status_code == 200
    assert "Download your certificate" in mentor.get("/me").text

    pdf = mentor.get("/me/certificate.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Zoë Ngũgĩ" in text and server.settings.course.title() in text
    rendered = pypdfium2.PdfDocument(pdf.content)[0].render(scale=3).to_pil()
    (qr,) = zxingcpp.read_barcodes(rendered)
    verify_url = qr.text
    assert "/verify/" in verify_url

    verified = server.client().get(verify_url.split("testserver", 1)[1])
    assert verified.status_code == 200
    assert "Zoë Ngũgĩ" in verified.text and "genuine" in verified.text
    assert "Spring" not in verified.text  # name, course and date, nothing more
    code = verify_url.rsplit("/", 1)[1]
    assert server.client().get(f"/verify/{code.lower().replace('-', ' ')}").status_code == 200
    assert server.client().get("/verify/0000-0000-0000").status_code == 404

    coordinator = server.coordinator()
    one = coordinator.get(f"/coordinator/learners/{zoe}/certificate.pdf")
    assert one.status_code == 200 and one.content.startswith(b"%PDF")
    archive = zipfile.ZipFile(
        io.BytesIO(coordinator.get("/coordinator/certificates.zip?cohort=Spring").content)
    )
    assert len(archive.namelist()) == 1 and archive.namelist()[0].startswith("certificate-zoe")


def test_ids_no_learner_can_have_are_nobody_never_a_server_error(server: Server) -> None:
    coordinator = server.coordinator()
    for learner_id in ["99999999999999999999", "2147483648", "0", "-1"]:
        for path in ["", "/export.json", "/remove", "/certificate.pdf"]:
            answer = coordinator.get(f"/coordinator/learners/{learner_id}{path}")
            assert answer.status_code in {404, 422}, (learner_id, path)
            assert answer.headers["content-type"].startswith("text/html")
    for person in ["²", "99999999999999999999", "2147483648", "-3"]:
        answer = coordinator.post(
            "/coordinator/enroll", data=form(coordinator, name="Ann", person=person)
        )
        assert answer.status_code < 500, person
