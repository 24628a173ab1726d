"""congvan: công văn, phụ lục và thư giao nhiệm vụ theo Nghị định 30/2020/NĐ-CP.

Use as a library::

    import congvan
    data = congvan.load("data/dti-bac-kan-2023.yaml")
    report = congvan.build(data, "output/")
    print(report.summary())

``load``, ``build`` and ``render_documents`` are imported on first use: reading and
checking data never loads the .docx machinery (docxtpl, python-docx, lxml), and
``congvan --help`` loads neither (the CLI imports what each command needs).
"""

from congvan.exceptions import (CongvanError, DataError, EditedFilesError, OutputError,
                                TemplateError, UsageProblem)

__all__ = ["load", "build", "render_documents", "CongvanError", "DataError", "TemplateError",
           "OutputError", "EditedFilesError", "UsageProblem"]
__version__ = "0.1.0"


def __getattr__(name: str):
    if name == "load":
        from congvan.data.loader import load

        return load
    if name in ("build", "render_documents"):
        from congvan.builder import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'congvan' has no attribute {name!r}")
