"""The one error the law engine raises: a question it cannot answer, saying what it accepts."""


class LawError(ValueError):
    """Bad input to the law engine: the message names the value and lists what is accepted."""
