"""The data layer: a YAML file read with positions, validated, checked and modelled."""
