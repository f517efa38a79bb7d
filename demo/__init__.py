"""The demo data of `manage.py load_demo`: the story users click through, one module per story.

demo.timeline replays every story on one clock; the command (demo/management/commands/load_demo.py)
loads the stories in order. Demo loaders may import any app (they are above every app)."""
