"""Only for `scrapyd-deploy`, which builds its egg with `python setup.py bdist_egg`.

Without this file it writes a setup.py of its own into the checkout, with arguments
(name, find_packages(), entry points) that setuptools then drops in favour of
pyproject.toml. All the packaging, the `scrapy` entry point included, is in pyproject.toml.
"""

from setuptools import setup

setup()
