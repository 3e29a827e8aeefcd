"""Fixtures that run the real nbgrader pipeline once per assignment and share the gradebook."""

import pytest

from course import pipeline, submissions

FULL, BLANK = "full_solution", "blank_release"


def cases(assignment):
    """Every submission graded for an assignment: student id -> notebook."""
    found = {FULL: submissions.full_solution(assignment), BLANK: submissions.blank(assignment)}
    for kind in submissions.KINDS:
        for variant in submissions.catalogue(assignment, kind):
            found[f"{kind}.{variant.name}"] = submissions.variant_submission(variant)
    return found


@pytest.fixture(scope="session")
def graded(tmp_path_factory):
    """assignment -> a Course in which every case has been generated, autograded and given feedback."""
    courses = {}

    def grade(assignment):
        if assignment not in courses:
            root = pipeline.make_course_dir(tmp_path_factory.mktemp(assignment), [assignment])
            course = pipeline.Course(root)
            course.generate(assignment)
            submitted = cases(assignment)
            for student, nb in submitted.items():
                course.submit(assignment, student, nb)
            course.autograde(assignment, list(submitted))
            course.feedback(assignment)
            courses[assignment] = course
        return courses[assignment]

    return grade
