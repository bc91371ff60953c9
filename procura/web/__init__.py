"""procura in the browser: a local web app on the same core as the command line.

``procura serve`` runs :func:`procura.web.app.create_app` under uvicorn. Every page calls the
core functions the CLI calls (sizing, build, checks, library, packs, checklists); this package
holds only routing, forms, templates and the security around them. Needs the ``web`` extra.
"""
