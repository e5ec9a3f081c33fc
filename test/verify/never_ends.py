"""A program that does not end by itself."""
import time

while True:
    time.sleep(0.2)
