from base import Base


class Middle(Base):
    """Adds nothing; only sits between the base and the leaf."""
