"""Sample data and the demo, kept out of the product's packages.

- `archives`: generated post-history exports in each platform's format (tests, benchmarks, demo).
- `histories`: the generated posts they carry (a professional's account, a varied one for benchmarks).
- `demo_history`: the demo account's history, written whole, and its archive.
- `demo`: the demo client's delivered order and the home page's report preview.
- `seed_demo` (management command): the demo logins and the demo report.

A Django app only so that `seed_demo` is a management command; it has no models. It sits above
`coaching` in the layers (pyproject.toml): it uses the product, the product never uses it, except
the home page, which shows the preview (config).
"""
