"""People are never merged: two learners may share a name, and only an explicit choice gives a
name's holder a new link. Cohorts are records, matched in any case, renamable, with due dates.
Runs on SQLite and PostgreSQL (`store_url`)."""

from __future__ import annotations

import datetime as dt

import pytest

from mentor_course.store import SameName, Store, UnknownLearner
from tests.attempts import attempt, bank


def test_enrolling_a_name_that_exists_asks_and_never_moves_the_first_person(
    store_url: str,
) -> None:
    with Store.open(store_url) as store:
        alex = store.create_enrollment("Alex Rivera", cohort="Spring 2027")
        store.record_attempt(
            attempt("Alex Rivera", bank(), cohort="Spring 2027").model_copy(
                update={"learner_id": alex.learner_id, "source": "served"}
            )
        )
        # Differently typed, still the same name: the coordinator is asked.
        with pytest.raises(SameName) as asked:
            store.create_enrollment("  alex   RIVERA ", cohort="Fall 2027")
        assert [c.id for c in asked.value.candidates] == [alex.learner_id]
        assert "Spring 2027" in str(asked.value)

        other = store.create_enrollment("Alex Rivera", cohort="Fall 2027", person="new")
        assert other.learner_id != alex.learner_id
        first, second = store.learners_named("Alex Rivera")
        assert (first.id, first.cohort) == (alex.learner_id, "Spring 2027")
        assert (second.id, second.cohort) == (other.learner_id, "Fall 2027")
        assert [a.id for a in store.attempts(alex.learner_id)] != []
        assert list(store.attempts(other.learner_id)) == []
        # Each link signs in its own person.
        assert store.redeem_enrollment(other.token) == other.learner_id
        assert store.redeem_enrollment(alex.token) == alex.learner_id

        # "The same person": a new link for Alex, who stays in her cohort.
        again = store.create_enrollment("Alex Rivera", cohort="Fall 2027", person=alex.learner_id)
        assert again.learner_id == alex.learner_id
        assert store.learner(alex.learner_id).cohort == "Spring 2027"
        # A bare name that two people have is refused where an id is needed.
        with pytest.raises(SameName):
            store.export_learner("Alex Rivera")


def test_name_only_attempts_find_their_person_by_cohort(store_url: str) -> None:
    with Store.open(store_url) as store:
        spring = store.add_learner("Sam", cohort="Spring")
        fall = store.create_enrollment("Sam", cohort="Fall", person="new").learner_id
        outcomes = store.record_attempts(
            [attempt("Sam", cohort="spring"), attempt("Sam", cohort="Fall"), attempt("Sam")]
        )
        assert outcomes[:2] == ["stored", "stored"]
        assert isinstance(outcomes[2], SameName)  # which Sam? nothing is guessed
        assert len(list(store.attempts(spring))) == 1
        assert len(list(store.attempts(fall))) == 1
        # A cohort that neither Sam is in is somebody else.
        store.record_attempt(attempt("Sam", cohort="Winter"))
        assert sorted(s.cohort or "" for s in store.learners_named("Sam")) == [
            "Fall",
            "Spring",
            "Winter",
        ]


def test_a_served_attempt_goes_to_its_signed_in_learner_by_id(store_url: str) -> None:
    with Store.open(store_url) as store:
        first = store.add_learner("Kim", cohort="A")
        second = store.create_enrollment("Kim", cohort="B", person="new").learner_id
        served = attempt("Kim").model_copy(update={"learner_id": second, "source": "served"})
        assert store.record_attempt(served) == "stored"
        assert list(store.attempts(first)) == []
        assert [a.id for a in store.attempts(second)] == [served.id]
        store.delete_learner(second)
        gone = attempt("Kim").model_copy(update={"learner_id": second, "source": "served"})
        with pytest.raises(UnknownLearner):
            store.record_attempt(gone)


def test_cohorts_match_in_any_case_and_can_be_renamed_and_given_a_due_date(
    store_url: str,
) -> None:
    with Store.open(store_url) as store:
        assert store.add_cohort("Spring 2027", dt.date(2027, 3, 1)) == "Spring 2027"
        store.add_learner("Ann", cohort="spring 2027")
        store.add_learner("Bo", cohort="SPRING  2027")
        assert store.cohort_names() == ["Spring 2027"]
        assert store.cohort("spring 2027") is not None
        code = store.start_group_session("practice", "Spring 2027")

        store.rename_cohort("spring 2027", "Spring 2027 evenings")
        summary = store.cohort("SPRING 2027 EVENINGS")
        assert summary is not None and (summary.learners, summary.due_on) == (
            2,
            dt.date(2027, 3, 1),
        )
        assert store.learner("Ann").cohort == "Spring 2027 evenings"
        live = store.group_session(code)
        assert live is not None and live.cohort == "Spring 2027 evenings"

        store.add_cohort("Fall")
        with pytest.raises(Exception, match="there is a cohort 'Fall' already"):
            store.rename_cohort("Spring 2027 evenings", "fall")
        store.set_cohort_due("fall", dt.date(2027, 12, 1))
        store.set_cohort_due("Spring 2027 evenings", None)
        assert [(c.name, c.due_on) for c in store.cohorts()] == [
            ("Fall", dt.date(2027, 12, 1)),
            ("Spring 2027 evenings", None),
        ]
        store.move_learner("Ann", "FALL")
        assert store.learner("Ann").cohort == "Fall"


def test_links_show_their_status_and_can_be_withdrawn(store_url: str) -> None:
    with Store.open(store_url) as store:
        first = store.create_enrollment("Ann")
        assert [link.status for link in store.links_of(first.learner_id)] == ["sent"]
        state = store.enrollment_link(first.token, opening=True)
        assert state is not None and state.status == "opened"
        second = store.create_enrollment("Ann", person=first.learner_id)
        assert store.revoke_links(first.learner_id) == 2
        assert store.redeem_enrollment(first.token) is None
        revoked = store.enrollment_link(second.token)
        assert revoked is not None and revoked.status == "revoked" and not revoked.works
        fresh = store.create_enrollment("Ann", person=first.learner_id)
        assert store.redeem_enrollment(fresh.token) == first.learner_id
        assert [link.status for link in store.links_of(first.learner_id)] == [
            "used",
            "revoked",
            "revoked",
        ]
