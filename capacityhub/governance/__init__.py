"""The Capacity Building Unit: board, terms, meetings, motions and votes, advice, annual plan."""
