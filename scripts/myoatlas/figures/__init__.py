"""Figures drawn from data: the body diagram (body.py), pose figures (pose.py) and their checks (check.py)."""
