"""Ignores SIGTERM and SIGINT and loops forever while the file is imported.

Outcome: timeout
"""
import signal

signal.signal(signal.SIGTERM, signal.SIG_IGN)
signal.signal(signal.SIGINT, signal.SIG_IGN)
while True:
    pass
