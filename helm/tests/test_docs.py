"""The chart README documents every value, and its values table matches values.yaml."""
from values_table import CHART, leaves, readme_with_table, descriptions

import yaml


def test_readme_values_table_is_current():
    readme = (CHART / "README.md").read_text()
    assert readme == readme_with_table(readme), "run `make helm-docs` to refresh the values table"


def test_every_value_has_a_description():
    text = (CHART / "values.yaml").read_text()
    docs = descriptions(text.splitlines())
    missing = [path for path, _ in leaves(yaml.safe_load(text)) if not docs.get(path)]
    assert not missing, f"values.yaml keys without a `# --` description: {missing}"
