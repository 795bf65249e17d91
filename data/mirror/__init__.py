"""The offline mirror's files (content, themes), shipped as package data of `aggregator.mirror`."""
