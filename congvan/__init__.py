"""congvan: công văn, phụ lục và thư giao nhiệm vụ theo Nghị định 30/2020/NĐ-CP.

Use as a library::

    import congvan
    data = congvan.load("data/dti-bac-kan-2023.yaml")
    report = congvan.build(data, "output/")
    print(report.summary())
"""

from .builder import build, render_documents
from .exceptions import (CongvanError, DataError, EditedFilesError, OutputError, TemplateError,
                         UsageProblem)
from .loader import load

__all__ = ["load", "build", "render_documents", "CongvanError", "DataError", "TemplateError",
           "OutputError", "EditedFilesError", "UsageProblem"]
__version__ = "0.1.0"
