"""Scale-out and fault tests: several real daphne processes, Celery workers, a private Redis."""
