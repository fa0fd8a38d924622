"""The demo MSP and the benchmark figures."""
