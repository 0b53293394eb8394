"""Build code for the 111 hotline campaign site: content model, pages, printables."""
