"""The law engine: rules, clocks and decisions as cited data. Pure Python; no Django imports.

Filled in by the law-engine issue; the foundation only reserves the package so the dependency
direction in docs/architecture.md is visible from the start.
"""
