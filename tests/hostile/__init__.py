"""Files from strangers: bombs, attacks, damage and mislabelled formats, built at test time."""
