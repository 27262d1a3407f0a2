"""User text templates run sandboxed: internals, files, endless loops and huge output fail cleanly."""

from __future__ import annotations

import pytest

from generator.compose import compose_report
from generator.errors import InputError
from generator.narrative import NarrativeEnvironment
from narrative_fixtures import REPORT_DATE, audience, small_survey, template_set

NESTED_LOOPS = "{% set r = [1,2,3,4,5,6,7,8,9,10] %}" + "{% for a in r %}" * 10 + "{% if a %}{% endif %}" + \
    "{% endfor %}" * 10

ATTACKS = {
    "class-mro": "{{ ''.__class__.__mro__ }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "globals-via-self": "{{ self.__init__.__globals__ }}",
    "function-globals": "{{ join.__globals__ }}",
    "include-absolute": "{% include '/etc/passwd' %}",
    "include-parent": "{% include '../../../../etc/passwd' %}",
    "import-parent": "{% import '../template.yaml' as settings %}",
    "attr-filter": "{{ respondents|attr('__class__') }}",
    "map-filter": "{{ [respondents]|map(attribute='__class__')|list }}",
    "slice-filter": "{{ [1]|slice(100000000)|list }}",
    "groupby-filter": "{{ [respondents]|groupby('__class__')|list }}",
    "range-loop": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "nested-loops": NESTED_LOOPS,
    "huge-repeat": "{{ 'x' * 1000000000 }}",
    "huge-output": "{% for i in range(99999) %}xxxxxxxxxx{% endfor %}",
    "huge-format": "{{ '%999999999s' % 1 }}",
    "huge-str-format": "{{ '{:>999999999}'.format(1) }}",
    "doubling-namespace": "{% set ns = namespace(s='x' * 10000) %}{% for i in range(40) %}"
                          "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
    "doubling-macro": "{% macro f(s, n) %}{{ f(s ~ s, n - 1) if n else s }}{% endmacro %}{{ f('x' * 10000, 40) }}",
    "endless-recursion": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "power": "{{ 10 ** 100000000 }}",
    "repeated-power": "{{ ((10 ** 100) ** 100) ** 100 }}",
    "squaring-namespace": "{% set ns = namespace(n=10 ** 100) %}{% for i in range(40) %}"
                          "{% set ns.n = ns.n * ns.n %}{% endfor %}{{ ns.n }}",
    "undefined-name": "{{ os.system('ls') }}",
}


@pytest.mark.parametrize("source", ATTACKS.values(), ids=ATTACKS.keys())
def test_hostile_template_fails_with_a_located_message(tmp_path, source):
    (tmp_path / "finding_title.j2").write_text(source, encoding="utf-8")
    environment = NarrativeEnvironment(tmp_path)
    with pytest.raises(InputError) as caught:
        environment.render("finding_title.j2", {"respondents": "ambtenaren", "join": ", ".join})
    message = str(caught.value)
    assert "finding_title.j2" in message
    assert "Traceback" not in message
    assert "root:" not in message, "the contents of /etc/passwd leaked into the message"


def test_hostile_user_template_stops_the_report(tmp_path):
    """Through the whole pipeline: an override in the template set's narrative/ folder fails the report."""
    (tmp_path / "narrative").mkdir()
    (tmp_path / "narrative" / "finding_title.j2").write_text("{{ ''.__class__.__mro__ }}", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        compose_report(small_survey(), audience(), template_set(tmp_path), REPORT_DATE)
    assert "narrative/finding_title.j2:1" in str(caught.value)
    assert "__class__" in str(caught.value)


def test_symbolic_link_out_of_the_narrative_folder_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("geheim", encoding="utf-8")
    (tmp_path / "narrative").mkdir()
    (tmp_path / "narrative" / "part.j2").symlink_to(secret)
    (tmp_path / "narrative" / "finding_title.j2").write_text("{% include 'part.j2' %}", encoding="utf-8")
    with pytest.raises(InputError, match="points outside the narrative folder") as caught:
        NarrativeEnvironment(tmp_path / "narrative").render("finding_title.j2", {})
    assert "geheim" not in str(caught.value)


def test_syntax_error_names_file_and_line(tmp_path):
    (tmp_path / "finding_text.j2").write_text("Eerste regel\n{% if %}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        NarrativeEnvironment(tmp_path).render("finding_text.j2", {})
    assert "finding_text.j2:2: template syntax error" in str(caught.value)


def test_user_template_overrides_built_in_and_may_include_its_own_files(tmp_path):
    (tmp_path / "part.j2").write_text("deel", encoding="utf-8")
    (tmp_path / "finding_title.j2").write_text("Eigen {% include 'part.j2' %} {{ [1, 2]|join(', ') }}",
                                               encoding="utf-8")
    assert NarrativeEnvironment(tmp_path).render("finding_title.j2", {}) == "Eigen deel 1, 2"


def test_ordinary_templates_render_quickly(tmp_path):
    """The budgets do not get in the way of a normal report."""
    import time

    started = time.monotonic()
    compose_report(small_survey(), audience(), template_set(tmp_path), REPORT_DATE)
    assert time.monotonic() - started < 2


ALLOCATING_CALLS = {
    "ljust": "{{ 'x'.ljust(10 ** 9) }}",
    "rjust": "{{ 'x'.rjust(10 ** 9, '-') }}",
    "center": "{{ 'x'.center(10 ** 9) }}",
    "zfill": "{{ '1'.zfill(10 ** 9) }}",
    "via-attr": "{{ ('x'|attr('ljust'))(10 ** 9) }}",
    "expandtabs": "{{ ('\t' * 10000).expandtabs(100000) }}",
    "replace-empty": "{{ ('x' * 20000).replace('', 'y' * 19999) }}",
    "replace-growing": "{{ ('x' * 20000).replace('x', 'y' * 19999) }}",
    "join": "{{ ('x' * 19999).join(['a'] * 20000) }}",
}


@pytest.mark.parametrize("source", ALLOCATING_CALLS.values(), ids=ALLOCATING_CALLS.keys())
def test_string_methods_that_allocate_are_refused_before_they_run(tmp_path, source):
    """The result cap alone stops these only after a gigabyte has been taken; the call is refused first."""
    import tracemalloc

    (tmp_path / "finding_title.j2").write_text(source, encoding="utf-8")
    environment = NarrativeEnvironment(tmp_path)
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match=r"finding_title\.j2:1: template stopped: \w+\(\) would build more"):
            environment.render("finding_title.j2", {})
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * 2**20


def test_template_that_is_a_pipe_is_refused_not_replaced_or_waited_for(tmp_path):
    import os

    os.mkfifo(tmp_path / "finding_title.j2")
    environment = NarrativeEnvironment(tmp_path)
    with pytest.raises(InputError, match="is not a regular file") as caught:
        environment.render(environment.resolve(("finding_title.j2",)), {})
    assert str(tmp_path / "finding_title.j2") in str(caught.value)


def test_oversized_template_is_refused_without_reading_it(tmp_path, monkeypatch):
    big = tmp_path / "finding_title.j2"
    with open(big, "wb") as file:
        file.truncate(1024**3)
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda path, *args, **kwargs: opened.append(str(path)) or
                        real_open(path, *args, **kwargs))
    with pytest.raises(InputError, match="is larger than 256 KB"):
        NarrativeEnvironment(tmp_path).render("finding_title.j2", {})
    assert str(big) not in opened
