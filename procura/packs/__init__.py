"""Requirement packs: versioned, shareable sets of requirements and overrides, with provenance.

model     pack.yaml (PackMeta) and its JSON Schema
semver    versions and version ranges
pack      a pack folder: load, list files, scaffold
overrides what a pack changes in library requirements, stricter or looser
archive   deterministic zips with a SHA-256 manifest; safe reading of hostile archives
store     installed packs (per-user folder); install from folder, .zip or git
use       a profile's packs resolved and merged into the library, with a lock
diff      what changed between two versions
exchange  ReqIF, Excel, CSV and JSON export and import
validate  pack validate / pack build
"""
