from sample import PoseSample
from sources import KittiSource

SOURCES = {"kitti": KittiSource}


def get_dataset(name):
    class Combined(SOURCES[name], PoseSample):
        pass

    return Combined
