"""The exceptions detente raises, and the few groups a caller catches.

    DetenteError                  anything detente raises on purpose
     ├── InputError               one input cannot be read; skip it, the run goes on
     │    ├── UnsupportedInput    a kind of file we have no reader for
     │    ├── EmptyInput          nothing left after reading/cleaning
     │    ├── TooLarge            over the configured size limit
     │    ├── DecodeFailure       bytes that no likely encoding decodes
     │    └── FetchFailure        a URL that could not be fetched
     ├── ConfigError              a settings or dictionary file is wrong
     │    └── ModelError          a model file is missing, corrupt, foreign or of another version
     ├── OntologyError            an unknown CAMEO/PLOVER code was asked for
     └── StoreError               the database cannot be opened or written

Every message names the input at fault and says what to do next, because the
end-of-run summary shows it to a user who cannot read our code.
"""

from __future__ import annotations


class DetenteError(Exception):
    """Base of every error detente raises on purpose."""

    code: str = "E000"

    def __init__(self, message: str, *, hint: str | None = None, source: str | None = None):
        self.message = message
        self.hint = hint
        self.source = source
        super().__init__(self.__str__())

    def __str__(self) -> str:
        text = self.message
        if self.source:
            text = f"{self.source}: {text}"
        if self.hint:
            text = f"{text} ({self.hint})"
        return text


class InputError(DetenteError):
    code = "E100"


class UnsupportedInput(InputError):
    code = "E101"


class EmptyInput(InputError):
    code = "E102"


class TooLarge(InputError):
    code = "E103"


class DecodeFailure(InputError):
    code = "E104"


class FetchFailure(InputError):
    code = "E105"


class MalformedRecord(InputError):
    code = "E106"


class ConfigError(DetenteError):
    code = "E200"


class ModelError(ConfigError):
    code = "E210"


class OntologyError(DetenteError):
    code = "E300"


class StoreError(DetenteError):
    code = "E400"
