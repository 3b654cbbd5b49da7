"""Problems found in input data, reported with file, record and field."""

from __future__ import annotations

from dataclasses import dataclass

from directory.errors import DirectoryError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field of one record of one file."""

    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.record}: {self.field}: {self.message}"


class DataLoadError(DirectoryError):
    """Input data failed validation; nothing was written. ``problems`` lists every issue found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the input; nothing was loaded")
