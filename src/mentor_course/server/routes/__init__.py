"""The course server's routes, one router per audience.

- public.py: the quiz API anyone may use
- mentor.py: enrollment links, a mentor's attempts and progress
- coordinator.py: sign-in, the completion report, enrollment, the presenter API
- live.py: live group check-ins, presented by a coordinator and joined by anyone in the room
"""
