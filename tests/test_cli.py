"""The instructor's command line, as an instructor would run it."""

import shutil

import pytest

from course import cli, pipeline, submissions

ASSIGNMENT = "01_gradient_descent"


@pytest.mark.pipeline
def test_grade_works_on_a_fresh_clone_whose_gradebook_is_empty(tmp_path, capsys):
    root = pipeline.make_course_dir(tmp_path / "course", [ASSIGNMENT])
    shutil.copytree(submissions.RELEASE / ASSIGNMENT, root / "release" / ASSIGNMENT)
    course = pipeline.Course(root)
    course.submit(ASSIGNMENT, "ada", submissions.full_solution(ASSIGNMENT))
    assert cli.main(["grade", "--course-dir", str(root)]) == 0
    assert course.total(ASSIGNMENT, "ada") == (14, 14)
    output = capsys.readouterr().out
    assert "[1/1] 01_gradient_descent ada" in output and "every student passed" in output
    assert (root / "grades.csv").is_file()


def test_grade_explains_a_folder_that_is_not_a_course(tmp_path, capsys):
    assert cli.main(["grade", "--course-dir", str(tmp_path)]) == 2
    assert "has no nbgrader_config.py" in capsys.readouterr().err


def test_a_course_of_assignments_this_repository_lacks_is_read_from_its_own_folders(tmp_path):
    """grade depends only on the course directory, not on this checkout's source/."""
    root = pipeline.make_course_dir(tmp_path / "course", [ASSIGNMENT])
    (root / "source" / ASSIGNMENT).rename(root / "source" / "07_elsewhere")
    (root / "source" / "07_elsewhere" / "gradient_descent.ipynb").rename(
        root / "source" / "07_elsewhere" / "elsewhere.ipynb")
    course = pipeline.Course(root)
    assert course.notebook("07_elsewhere") == "elsewhere"
    assert course.scores("07_elsewhere", "ada") == {}
    assert course.submission_path("07_elsewhere", "ada").name == "elsewhere.ipynb"


def test_a_course_that_keeps_only_its_gradebook_still_names_its_notebooks(tmp_path):
    course = pipeline.Course(pipeline.make_course_dir(tmp_path / "course", [ASSIGNMENT]))
    course.generate(ASSIGNMENT)
    shutil.rmtree(course.root / "source")
    shutil.rmtree(course.root / "release")
    assert course.notebook(ASSIGNMENT) == "gradient_descent"
    with pytest.raises(pipeline.PipelineError, match="no such assignment"):
        course.notebook("09_never_released")
