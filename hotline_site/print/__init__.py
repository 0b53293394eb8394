"""Printables: print jobs, the Typst templates beside the code that fills them, rendering, fonts."""
