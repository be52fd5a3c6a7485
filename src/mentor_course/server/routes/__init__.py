"""The course server's routes, one router per audience.

- public.py: the quiz API anyone may use
- mentor.py: enrollment links, a mentor's attempts and progress
- coordinator.py: sign-in, the dashboard, the completion report, cohorts, the presenter API
- people.py: enrolling one mentor, and a mentor's page with its actions
- outreach.py: rosters, reminders, certificates and their verification
- live.py: live group check-ins, presented by a coordinator and joined by anyone in the room
"""


def attachment(file_name: str) -> dict[str, str]:
    """The header that makes a browser save a response as `file_name` (an ASCII slug)."""
    return {"content-disposition": f'attachment; filename="{file_name}"'}
