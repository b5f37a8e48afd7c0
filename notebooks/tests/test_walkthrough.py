"""Runs notebooks/api-walkthrough.ipynb headless, one test case per code cell, in order.

The cells share one kernel, as in Jupyter. A cell that raises (a failed assertion, an HTTP error)
fails its test case with the cell's traceback, and the cells after it are reported as skipped
(they depend on it). The executed notebook, with its outputs, is written to NOTEBOOK_REPORT_DIR
(default build/reports/notebook/) whatever happened, for people to read; the notebook file in the
repository is never modified.

Configuration is the notebook's own (BASE_URL, EXPECTED_COMPANY, ...), passed to the kernel through
the environment; REPORT_DIR is set to NOTEBOOK_REPORT_DIR so the plot lands next to the executed copy.
"""
import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

NOTEBOOK = Path(__file__).resolve().parents[1] / "api-walkthrough.ipynb"
REPORT_DIR = Path(os.environ.get("NOTEBOOK_REPORT_DIR",
                                 NOTEBOOK.parents[1] / "build" / "reports" / "notebook")).resolve()
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")  # IPython colours its tracebacks
CELL_TIMEOUT = int(os.environ.get("NOTEBOOK_CELL_TIMEOUT", "300"))

SOURCE = nbformat.read(NOTEBOOK, as_version=4)


def _step_name(cells, index):
    """The heading of the markdown before a code cell as a slug: '## 2. Create a user' -> 'create-a-user'."""
    heading = next((line for cell in reversed(cells[:index]) if cell.cell_type == "markdown"
                    for line in cell.source.splitlines() if line.startswith("#")), "cell")
    title = re.sub(r"^[#\s]*(\d+\.\s*)?", "", heading)
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


CODE_CELLS = [i for i, cell in enumerate(SOURCE.cells) if cell.cell_type == "code"]
CELL_IDS = [f"{n:02d}-{_step_name(SOURCE.cells, i)}" for n, i in enumerate(CODE_CELLS, start=1)]


# --- the committed notebook ---------------------------------------------------------------

def test_committed_notebook_is_valid():
    nbformat.validate(SOURCE)


def test_committed_notebook_has_no_outputs():
    """Outputs belong in the CI artifact, never in git (clear them: see notebooks/README.md)."""
    dirty = [i for i in CODE_CELLS if SOURCE.cells[i].outputs or SOURCE.cells[i].execution_count is not None]
    assert not dirty, f"code cells {dirty} have outputs or execution counts"
    assert "widgets" not in SOURCE.metadata


def test_every_code_cell_is_explained_by_markdown():
    first_code = CODE_CELLS[0]
    assert SOURCE.cells[0].cell_type == "markdown", "the notebook starts with its introduction"
    unexplained = [i for i in CODE_CELLS
                   if not any(c.cell_type == "markdown" for c in SOURCE.cells[first_code - 1:i])]
    assert not unexplained, f"code cells {unexplained} have no markdown before them"


# --- executing it ---------------------------------------------------------------------------

class Run:
    def __init__(self):
        self.nb = nbformat.read(NOTEBOOK, as_version=4)
        self.client = NotebookClient(self.nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
        self.failed = None  # the test id of the first cell that failed


@pytest.fixture(scope="module")
def run():
    os.environ["REPORT_DIR"] = str(REPORT_DIR)  # the kernel inherits the environment
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    state = Run()
    client = state.client
    client.reset_execution_trackers()
    try:
        with client.setup_kernel():
            info = client.wait_for_reply(client.kc.kernel_info())
            if info is not None:
                state.nb.metadata["language_info"] = info["content"]["language_info"]
            yield state
    finally:
        nbformat.write(state.nb, REPORT_DIR / NOTEBOOK.name)


@pytest.mark.parametrize("index", CODE_CELLS, ids=CELL_IDS)
def test_cell(run, index, request):
    if run.failed:
        pytest.skip(f"an earlier cell failed: {run.failed}")
    cell = run.nb.cells[index]
    try:
        run.client.execute_cell(cell, index, execution_count=run.client.code_cells_executed + 1)
        return
    except CellExecutionError as error:
        failure = ANSI_ESCAPE.sub("", str(error))
    # outside the except block, so the report is the cell's traceback alone, without pytest's chained one
    run.failed = request.node.callspec.id
    pytest.fail(f"cell {index} ({run.failed}) failed:\n{failure}", pytrace=False)
