"""mentor-course: a self-care and mindfulness course for mentors, as a Jupyter Book."""

__version__ = "0.1.0"
