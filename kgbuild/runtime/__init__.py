"""Process-level tuning of a build: what the build changes in the processes it runs.

Each module changes one thing in a process, for speed, and each can be turned off by an
environment variable; ``docs/runtime.md`` gives what each changes, its gain and its variable.
"""
