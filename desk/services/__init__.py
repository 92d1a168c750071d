"""The desk's services, one module per feature: ``labels``, ``snooze``, ``mentions``,
``macros`` and ``listing`` (the console's filtered, sorted list). ``desk.actions`` is the
shared vocabulary of conversation actions that macros and automation rules run."""
