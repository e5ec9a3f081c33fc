from .point_net import PointNet
